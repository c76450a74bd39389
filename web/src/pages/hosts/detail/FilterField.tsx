interface FilterFieldProps {
  id: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/** The text filter above a long table; it filters as you type. */
export function FilterField({ id, value, placeholder, onChange }: FilterFieldProps) {
  return (
    <div className="inline-field" role="search">
      <label htmlFor={id}>Filter</label>
      <input
        id={id}
        className="input input-sm input-filter"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
