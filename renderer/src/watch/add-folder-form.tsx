/** The add-a-folder form of Batch & Watch: a folder's path, options and formats, watched or batched once. */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { WatchFolder, WatchOptions } from '../../../app/contracts/lantern-api';
import { isAbsolutePath } from '../../../app/contracts/op-schemas';
import { errorWords } from '../action-error';
import { lantern, desktop } from '../bridge';
import { useFocusLater } from '../focus-later';
import { useI18n } from '../i18n/i18n';

type Format = WatchOptions['formats'][number];

/** The form's failure: its words, the field it is about (marked invalid and described by it), numbered per failure. */
interface FormError {
  readonly words: string;
  readonly field: 'dir' | 'out' | null;
  readonly n: number;
}

const FORMATS: readonly Format[] = ['txt', 'json', 'md', 'pdf'];

/** The add-a-folder form: "Watch" adds the folder, "OCR this folder now" runs one batch over it. */
export function AddFolderForm(props: {
  readonly onAdded: (f: WatchFolder) => void;
  readonly disabled: boolean;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [dir, setDir] = useState('');
  const [recursive, setRecursive] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [formats, setFormats] = useState<Format[]>(['txt']);
  const [error, setFormError] = useState<FormError | null>(null);
  const failures = useRef(0);
  const setError = (words: string | null, field: FormError['field'] = null) =>
    setFormError(words === null ? null : { words, field, n: ++failures.current });
  // Emptying the path disables Add folder, which has the focus: it goes to the path, where the next folder is typed.
  const dirField = useRef<HTMLInputElement>(null);
  const outField = useRef<HTMLInputElement>(null);
  const focusLater = useFocusLater();
  // Folders are never relative to the server's working folder: say so in words before asking it, at the field to mend.
  const relative = () => {
    const bad = (
      [
        ['dir', dir.trim(), dirField],
        ['out', outDir.trim(), outField],
      ] as const
    ).find(([, p]) => p !== '' && !isAbsolutePath(p));
    if (bad === undefined) return false;
    const [field, path, ref] = bad;
    setError(t('watch.notAbsolute', { path }), field);
    focusLater(() => ref.current);
    return true;
  };
  // A field mended is no longer said to be wrong.
  const edited = (field: 'dir' | 'out') => setFormError((e) => (e?.field === field ? null : e));
  const invalid = (field: 'dir' | 'out') =>
    error?.field === field ? { 'aria-invalid': true, 'aria-describedby': `${ids}-error` } : {};
  // The desktop's folder dialog: a folder chosen there is also one main lets this window use.
  const chooseInto = (set: (dir: string) => void) =>
    void desktop
      ?.chooseFolder()
      .then((d) => d && set(d))
      .catch((err: unknown) => setError(errorWords(err)));
  const batchNow = () => {
    if (!dir.trim() || formats.length === 0 || relative()) return;
    lantern.watch
      .batch(dir.trim(), { recursive, outDir: outDir.trim() || null, formats })
      .then(() => setError(null))
      .catch((err: unknown) => setError(errorWords(err)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!dir.trim() || formats.length === 0 || relative()) return;
    lantern.watch
      .add(dir.trim(), { recursive, outDir: outDir.trim() || null, formats })
      .then((f) => {
        setDir('');
        setError(null);
        props.onAdded(f);
        focusLater(() => dirField.current);
      })
      .catch((err: unknown) => setError(errorWords(err)));
  };
  return (
    <form className="card" onSubmit={submit}>
      <h3>{t('watch.addTitle')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-dir`}>{t('watch.path')}</label>
        <input
          id={`${ids}-dir`}
          ref={dirField}
          type="text"
          className="mono"
          value={dir}
          placeholder="/home/me/Scans"
          spellCheck={false}
          onChange={(e) => {
            setDir(e.target.value);
            edited('dir');
          }}
          {...invalid('dir')}
          required
        />
        {desktop && (
          <button
            type="button"
            className="button button--small"
            onClick={() => chooseInto((d) => (setDir(d), edited('dir')))}
          >
            {t('watch.choose')}
          </button>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} />
        {t('watch.recursive')}
      </label>
      <div className="field">
        <label htmlFor={`${ids}-out`}>{t('watch.out')}</label>
        <input
          id={`${ids}-out`}
          ref={outField}
          type="text"
          className="mono"
          value={outDir}
          spellCheck={false}
          onChange={(e) => {
            setOutDir(e.target.value);
            edited('out');
          }}
          {...invalid('out')}
        />
        {desktop && (
          <button
            type="button"
            className="button button--small"
            aria-label={t('watch.chooseOut')}
            onClick={() => chooseInto((d) => (setOutDir(d), edited('out')))}
          >
            {t('watch.choose')}
          </button>
        )}
      </div>
      <fieldset className="inline">
        <legend>{t('watch.formats')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              checked={formats.includes(f)}
              onChange={(e) =>
                setFormats((cur) => (e.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))
              }
            />
            .{f}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={props.disabled || !dir.trim() || formats.length === 0}
        >
          {t('watch.add')}
        </button>
        <button
          type="button"
          className="button"
          disabled={props.disabled || !dir.trim() || formats.length === 0}
          onClick={batchNow}
        >
          {t('watch.batchNow')}
        </button>
        {/* A new element for each failure: an alert is said when it is inserted, the same words again too. */}
        {error && (
          <span key={error.n} id={`${ids}-error`} className="error-text" role="alert">
            {error.words}
          </span>
        )}
      </div>
    </form>
  );
}
