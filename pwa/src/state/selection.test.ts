// Unit tests for selection.ts: click, Ctrl and Shift selection, keyboard moves, pruning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clickSelect, emptySelection, moveFocus, pruneSelection, selectAll, selectedInOrder, toggleFocused } from './selection.js';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };
const sel = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

test('plain click selects one; ctrl toggles; shift selects a range from the anchor', () => {
  let s = clickSelect(emptySelection, order, 'b', plain);
  assert.equal(sel(s), ['b']);
  s = clickSelect(s, order, 'd', ctrl);
  assert.equal(sel(s), ['b', 'd']);
  assert.is(s.anchor, 'd');
  s = clickSelect(s, order, 'b', shift);
  assert.equal(sel(s), ['b', 'c', 'd']);
  s = clickSelect(s, order, 'c', ctrl);
  assert.equal(sel(s), ['b', 'd']);
});

test('ctrl+shift adds a range to the selection', () => {
  let s = clickSelect(emptySelection, order, 'a', plain);
  s = clickSelect(s, order, 'c', ctrl);
  s = clickSelect(s, order, 'e', { toggle: true, range: true });
  assert.equal(sel(s), ['a', 'c', 'd', 'e']);
});

test('keyboard moves: plain selects, shift extends, ctrl moves focus only, space toggles', () => {
  let s = moveFocus(emptySelection, order, 1, plain);
  assert.equal(sel(s), ['b']);
  s = moveFocus(s, order, 3, shift);
  assert.equal(sel(s), ['b', 'c', 'd']);
  s = moveFocus(s, order, 0, shift);
  assert.equal(sel(s), ['a', 'b']);
  s = moveFocus(s, order, 4, ctrl);
  assert.is(s.focus, 'e');
  assert.equal(sel(s), ['a', 'b']);
  s = toggleFocused(s);
  assert.equal(sel(s), ['a', 'b', 'e']);
  assert.is(moveFocus(s, order, 99, plain).focus, 'e');
  assert.is(moveFocus(s, [], 0, plain), emptySelection);
});

test('selectAll and selectedInOrder', () => {
  const s = selectAll(order, emptySelection);
  assert.equal(selectedInOrder(s, ['e', 'a']), ['e', 'a']);
  assert.is(s.selected.size, 5);
});

test('pruneSelection drops missing ids and moves focus to a neighbour', () => {
  let s = clickSelect(emptySelection, order, 'c', plain);
  s = pruneSelection(s, ['a', 'b', 'd', 'e'], order);
  assert.equal(sel(s), []);
  assert.is(s.focus, 'd');
  const same = clickSelect(emptySelection, order, 'a', plain);
  assert.is(pruneSelection(same, order), same);
});

test.run();
