// Styles shared by every element: buttons, fields, focus rings, the visually-hidden helper. Adopted
// through Lit's `static styles`, which the strict CSP (`style-src 'self'`) allows; no inline styles.
import { css } from 'lit';

export const sharedStyles = css`
  :host { color: var(--vb-text); }
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 2px solid var(--vb-focus); outline-offset: 2px; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  button, .btn {
    font: inherit; display: inline-flex; align-items: center; justify-content: center; gap: 0.4em;
    min-height: 36px; padding: 0 14px; border-radius: var(--vb-radius); cursor: pointer;
    border: 1px solid var(--vb-border); background: var(--vb-surface); color: var(--vb-text);
    text-decoration: none; white-space: nowrap;
  }
  button:hover:not(:disabled), .btn:hover { background: var(--vb-surface-2); }
  button:disabled { opacity: 0.55; cursor: default; }
  button.primary, .btn.primary { background: var(--vb-accent); border-color: var(--vb-accent); color: var(--vb-accent-text); font-weight: 600; }
  button.primary:hover:not(:disabled) { filter: brightness(1.08); background: var(--vb-accent); }
  button.danger { color: var(--vb-danger); border-color: currentColor; }
  button.danger.solid { background: var(--vb-danger); color: var(--vb-surface); border-color: var(--vb-danger); }
  button.ghost { border-color: transparent; background: transparent; }
  button.ghost:hover:not(:disabled) { background: var(--vb-surface-2); }
  button.icon { padding: 0; width: 36px; }
  input[type=text], input[type=password], input[type=search], textarea, select {
    font: inherit; color: var(--vb-text); background: var(--vb-surface); width: 100%;
    border: 1px solid var(--vb-border); border-radius: var(--vb-radius); padding: 8px 10px; min-height: 38px;
  }
  textarea { font-family: var(--vb-mono); resize: vertical; }
  label { font-weight: 600; }
  .field { display: grid; gap: 6px; margin-bottom: 14px; }
  .hint { color: var(--vb-muted); font-size: 0.9em; font-weight: 400; }
  .error-text { color: var(--vb-danger); font-size: 0.92em; }
  .card {
    background: var(--vb-surface); border: 1px solid var(--vb-border); border-radius: 12px;
    box-shadow: var(--vb-shadow); padding: 24px;
  }
  .alert {
    border-radius: var(--vb-radius); padding: 10px 14px; border: 1px solid var(--vb-danger);
    background: var(--vb-danger-soft); color: var(--vb-text);
  }
  .alert strong { color: var(--vb-danger); }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .spacer { flex: 1; }
  h1, h2, h3 { line-height: 1.2; margin: 0 0 12px; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1rem; }
  dialog {
    border: 1px solid var(--vb-border); border-radius: 12px; padding: 0; color: var(--vb-text);
    background: var(--vb-surface); box-shadow: var(--vb-shadow); width: min(520px, calc(100vw - 24px));
  }
  dialog::backdrop { background: rgb(10 14 25 / 45%); }
  dialog form, dialog .body { padding: 20px; }
  dialog .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 18px; flex-wrap: wrap; }
`;
