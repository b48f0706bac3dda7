// Layout shared by the account pages (login, sign-up, settings, devices): a centred column of cards.
import { css } from 'lit';

export const accountPageStyles = css`
  :host { display: block; min-height: 100%; padding: 40px 16px; }
  .column { max-width: 460px; margin: 0 auto; }
  .column.wide { max-width: 640px; }
  .brand { display: flex; align-items: center; gap: 10px; justify-content: center; margin-bottom: 20px; font-weight: 700; font-size: 1.3rem; }
  .logo { width: 34px; height: 34px; border-radius: 9px; background: var(--vb-accent); color: var(--vb-accent-text); display: grid; place-items: center; }
  .lead { color: var(--vb-muted); margin: -4px 0 20px; }
  .card + .card { margin-top: 16px; }
  .switch { text-align: center; margin-top: 16px; color: var(--vb-muted); }
  a { color: var(--vb-accent); }
  button.primary.block { width: 100%; min-height: 42px; }
  .check { display: flex; gap: 10px; align-items: flex-start; font-weight: 400; margin-bottom: 16px; }
  .check input { width: 18px; height: 18px; margin-top: 2px; flex: none; }
  .tabs { display: grid; grid-template-columns: 1fr 1fr; gap: 4px; background: var(--vb-surface-2); padding: 4px; border-radius: 10px; margin-bottom: 18px; }
  .tabs button { border: none; background: transparent; min-height: 34px; }
  .tabs button[aria-pressed=true] { background: var(--vb-surface); box-shadow: var(--vb-shadow); font-weight: 600; }
  @media (max-width: 560px) { :host { padding: 20px 12px; } .card { padding: 18px; } }
`;
