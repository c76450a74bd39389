import { useId, useRef, useState } from 'react';
import { Icon } from '../../../components/Icon.tsx';
import { Panel } from '../../../components/Panel.tsx';

/** The nftables ruleset the policy renders to, as agents load it; copied whole with one click. */
export function RulesetPanel({ rendered }: { rendered: string }) {
  const [copied, setCopied] = useState<boolean | 'failed'>(false);
  const block = useRef<HTMLPreElement>(null);
  const hintId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(rendered);
      setCopied(true);
    } catch {
      // The clipboard API needs a secure context; over plain HTTP select the text for Ctrl+C instead.
      const selection = window.getSelection();
      if (block.current !== null && selection !== null) selection.selectAllChildren(block.current);
      setCopied('failed');
    }
  }

  const actions = (
    <button type="button" className="btn btn-sm" onClick={() => void copy()}>
      <Icon name={copied === true ? 'check' : 'copy'} size={16} />
      {copied === true ? 'Copied' : 'Copy ruleset'}
    </button>
  );

  return (
    <Panel title="Rendered ruleset" actions={actions}>
      <pre
        ref={block}
        className="code-block ruleset"
        tabIndex={0}
        aria-describedby={hintId}
        data-testid="policy-ruleset"
      >
        <code>{rendered}</code>
      </pre>
      <p className="field-hint ruleset-hint" id={hintId} role={copied === 'failed' ? 'status' : undefined}>
        {copied === 'failed' ? (
          'Copying was blocked by the browser; the ruleset is selected, press Ctrl+C.'
        ) : (
          <>
            Agents load it into Vigil’s own table and touch nothing else on the host. To check it by hand,
            save it to a file and run <code>nft -c -f</code> on it.
          </>
        )}
      </p>
    </Panel>
  );
}
