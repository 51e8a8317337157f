import { useEffect, useRef } from 'react';

/** A modal dialog (native <dialog>: focus stays inside, Escape closes unless the decision is required). */
export function Dialog({
  title,
  onClose,
  children,
  required = false,
  wide = false,
  onKeyDown,
}: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: React.ReactNode;
  /** No Escape, no close button: the core waits for an answer. */
  readonly required?: boolean;
  /** true: a wide dialog; 'viewer': as large as the window allows (the screenshot viewer). */
  readonly wide?: boolean | 'viewer';
  /** Keys pressed anywhere in the dialog (the viewer's arrows and zoom keys). */
  readonly onKeyDown?: (event: React.KeyboardEvent<HTMLDialogElement>) => void;
}): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide === 'viewer' ? 'dialog wide viewer-dialog' : wide ? 'dialog wide' : 'dialog'}
      aria-labelledby="dialog-title"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        if (!required) onClose();
      }}
    >
      <header className="dialog-head">
        <h2 id="dialog-title">{title}</h2>
        {!required && (
          <button type="button" className="ghost icon" aria-label="Close" onClick={onClose}>
            ✕
          </button>
        )}
      </header>
      {children}
    </dialog>
  );
}
