// A choice among a few options shown on one line; the form moves the choice
// with ←/→ (or space). Purely presentational so the key bar shows the keys.
import { Text } from 'ink';
import { Fragment } from 'react';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

export interface SelectFieldProps<T extends string> {
  options: readonly SelectOption<T>[];
  value: T;
  focused: boolean;
}

export function SelectField<T extends string>({ options, value, focused }: SelectFieldProps<T>) {
  return (
    <Text>
      {options.map((o, i) => {
        const on = o.value === value;
        return (
          <Fragment key={o.value}>
            {i > 0 && '  '}
            <Text color={on ? (focused ? 'cyan' : undefined) : 'gray'} bold={on} inverse={on && focused}>
              {on ? '(•) ' : '( ) '}
              {o.label}
            </Text>
          </Fragment>
        );
      })}
    </Text>
  );
}

/** The option after (dir 1) or before (dir -1) `value`, wrapping around. */
export function cycleOption<T extends string>(options: readonly SelectOption<T>[], value: T, dir: 1 | -1): T {
  const i = options.findIndex((o) => o.value === value);
  const next = (i + dir + options.length) % options.length;
  return options[next]?.value ?? value;
}
