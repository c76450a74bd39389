/** How to enroll a host, as the empty hosts list and the docs (docs/agents.md) tell it. */
export function EnrollCommands() {
  return (
    <ol className="steps">
      <li>
        <span className="steps-label">
          On the Vigil server, or with the form below, create an enrollment token:
        </span>
        <pre className="code-block">
          <code>vigil agents token create --group web-servers --expires 24h</code>
        </pre>
      </li>
      <li>
        <span className="steps-label">On each host, start the agent with it:</span>
        <pre className="code-block">
          <code>
            vigil agent --token vigil-enroll.… --data-dir /var/lib/vigil-agent --log
            &apos;/var/log/*.log&apos;
          </code>
        </pre>
      </li>
    </ol>
  );
}
