interface TextFieldProps {
  /** What the field is called (its accessible name). */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'url' | 'email' | 'password' | 'time';
  /** Takes a whole row of the form. */
  readonly wide?: boolean;
  readonly required?: boolean;
  readonly placeholder?: string;
  /** 'off' for what the browser must not remember (tokens, the account's email). */
  readonly autoComplete?: 'off';
  readonly maxLength?: number;
}

/** A labelled input of a form: the text it holds is the caller's state. */
export function TextField({ label, value, onChange, wide = false, ...input }: TextFieldProps): React.JSX.Element {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span className="field-label">{label}</span>
      <input
        {...input}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
    </label>
  );
}
