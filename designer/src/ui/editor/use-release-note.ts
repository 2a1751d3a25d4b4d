/**
 * The publish dialog's suggested release note: what changed since the newest version (its
 * graph and frozen reference revisions against the draft), from `diff/version-diff.ts`.
 */
import { useEffect, useState } from 'react';
import type { FlowGraph } from '@voiceman/compiler';
import { api } from '../../api/client.js';
import { diffFlows, releaseNote } from '../../diff/version-diff.js';
import { useLang } from '../i18n.js';

export function useReleaseNote(processKey: string, draft: () => FlowGraph, open: boolean): string | undefined {
  const { lang } = useLang();
  const [note, setNote] = useState<string>();
  useEffect(() => {
    if (!open) return setNote(undefined);
    let live = true;
    (async () => {
      const versions = await api.listVersions(processKey);
      const newest = versions.reduce<number | undefined>((m, v) => (m === undefined || v.number > m ? v.number : m), undefined);
      if (newest === undefined) return;
      const version = await api.getVersion(processKey, newest);
      const changes = diffFlows(version.graph, draft());
      if (live && changes.length > 0) setNote(releaseNote(changes, lang));
    })().catch(() => undefined); // a suggestion only: without it the admin writes the note
    return () => {
      live = false;
    };
  }, [processKey, draft, open, lang]);
  return note;
}
