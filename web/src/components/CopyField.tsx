import { useState } from 'react';
import { Icon } from './Icon.tsx';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
}

export function CopyField({ id, label, value }: CopyFieldProps) {
  const [copied, setCopied] = useState<boolean | 'failed'>(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // The clipboard API needs a secure context; over plain HTTP fall back to manual copy.
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) input.select();
      setCopied('failed');
    }
  }

  return (
    <div className="copy-field">
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input-mono"
        readOnly
        value={value}
        onFocus={(event) => event.target.select()}
      />
      <button type="button" className="btn" onClick={() => void copy()}>
        <Icon name={copied === true ? 'check' : 'copy'} size={16} />
        {copied === true ? 'Copied' : 'Copy'}
      </button>
      {copied === 'failed' && (
        <p className="field-hint" role="status">
          Copying was blocked by the browser; the text is selected, press Ctrl+C.
        </p>
      )}
    </div>
  );
}
