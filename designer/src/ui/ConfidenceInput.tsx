/** A confidence from 0 to 1 in steps of 0.05; empty means "not set". Values `accept` refuses are not passed on. */
export function ConfidenceInput(props: {
  value: number | undefined;
  onChange(v: number | undefined): void;
  accept?: (v: number) => boolean;
  readOnly: boolean;
  placeholder?: string;
  testId: string;
}) {
  const accept = props.accept ?? ((v: number) => v >= 0 && v <= 1);
  return (
    <input
      className="vm-input vm-input-number"
      type="number"
      min={0}
      max={1}
      step={0.05}
      readOnly={props.readOnly}
      value={props.value ?? ''}
      placeholder={props.placeholder}
      data-testid={props.testId}
      onChange={(e) => {
        const v = e.target.value === '' ? undefined : Number(e.target.value);
        if (v === undefined || accept(v)) props.onChange(v);
      }}
    />
  );
}
