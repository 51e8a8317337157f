/** A refusal from the core, shown as text where the user acted. */
export function ErrorNote({ message }: { readonly message: string | null }): React.JSX.Element | null {
  if (message === null) return null;
  return (
    <p className="error-note" role="alert">
      {message}
    </p>
  );
}
