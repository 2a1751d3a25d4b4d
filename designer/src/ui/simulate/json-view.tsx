/** Small read-only renderings of JSON values in the panel. */
import type { JsonValue } from '@voiceman/runtime';

/** A value on one line, shortened: variables and transcript lines. */
export function valueLabel(value: JsonValue | undefined, max = 80): string {
  const text = value === undefined ? '—' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function JsonBlock({ title, value }: { title: string; value: JsonValue }) {
  return (
    <div className="vm-sim-json">
      <div className="vm-sim-json-title">{title}</div>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}
