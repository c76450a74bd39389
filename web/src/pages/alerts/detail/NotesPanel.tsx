import { useState } from 'react';
import type { AlertNote } from '../../../../../src/protocol/alerts.ts';
import { addAlertNote } from '../../../api/alerts.ts';
import { Field } from '../../../components/Field.tsx';
import { Form } from '../../../components/Form.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { toIso } from '../toIso.ts';

interface NotesPanelProps {
  alertId: string;
  notes: readonly AlertNote[];
  canWrite: boolean;
  onAdded: (note: AlertNote) => void;
}

export function NotesPanel({ alertId, notes, canWrite, onAdded }: NotesPanelProps) {
  const [text, setText] = useState('');

  return (
    <Panel title="Notes">
      {notes.length === 0 ? (
        <p className="muted notes-empty">No notes yet.</p>
      ) : (
        <ol className="notes" data-testid="alert-notes">
          {notes.map((note) => (
            <li key={note.id} className="note" data-testid="alert-note">
              <div className="note-meta">
                <strong>{note.author}</strong>
                <Timestamp value={toIso(note.created_time)} relative />
              </div>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <Form
          submitLabel="Add note"
          onSubmit={async () => {
            onAdded(await addAlertNote(alertId, text));
            setText('');
          }}
        >
          <Field
            id="alert-note"
            label="Add a note"
            hint="What you found or did; everyone who can see the alert reads it."
          >
            <textarea
              id="alert-note"
              className="input textarea"
              rows={3}
              maxLength={4000}
              required
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-describedby="alert-note-hint"
            />
          </Field>
        </Form>
      )}
    </Panel>
  );
}
