import { FieldLabel, Input } from './input';

/** "Type production to confirm": what a consequential action in a production environment asks first. */
export function ConfirmNameField({
  id,
  name,
  value,
  onChange,
}: {
  id: string;
  /** The environment's name, to be typed exactly. */
  name: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="space-y-1.5">
      <FieldLabel htmlFor={id}>
        {name} is a production environment. Type <strong className="font-mono">{name}</strong> to confirm.
      </FieldLabel>
      <Input
        id={id}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={value.length > 0 && value !== name ? true : undefined}
      />
    </div>
  );
}
