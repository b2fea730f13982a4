import * as assert from 'node:assert/strict';
import { ChangeThrottle, type Schedule } from '../../../src/tree/ChangeThrottle';

interface N {
  readonly id: string;
  readonly v: number;
}

function manual() {
  const due: Array<() => void> = [];
  const schedule: Schedule = (fn) => {
    due.push(fn);
    return () => {
      const i = due.indexOf(fn);
      if (i >= 0) due.splice(i, 1);
    };
  };
  return {
    schedule,
    tick: () => due.splice(0).forEach((fn) => fn()),
    get waiting() {
      return due.length;
    },
  };
}

describe('tree/ChangeThrottle', () => {
  it('the first change goes out at once, later ones wait for the interval and arrive together, newest object per id', () => {
    const timers = manual();
    const out: string[][] = [];
    const t = new ChangeThrottle<N>(250, (items) => out.push(items.map((i) => `${i.id}${i.v}`)), timers.schedule);
    t.push([{ id: 'a', v: 1 }]);
    t.push([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]);
    t.push([{ id: 'a', v: 3 }]);
    assert.deepEqual(out, [['a1']]);
    timers.tick();
    assert.deepEqual(out, [['a1'], ['a3', 'b1']]);
    timers.tick(); // nothing pending: the cool-down ends without an event
    assert.equal(out.length, 2);
    assert.equal(timers.waiting, 0);
  });

  it('flush delivers what is pending now and the next change goes out at once', () => {
    const timers = manual();
    const out: string[][] = [];
    const t = new ChangeThrottle<N>(250, (items) => out.push(items.map((i) => i.id)), timers.schedule);
    t.push([{ id: 'a', v: 1 }]);
    t.push([{ id: 'b', v: 1 }]);
    t.flush();
    assert.deepEqual(out, [['a'], ['b']]);
    assert.equal(timers.waiting, 0, 'the cool-down was not cancelled');
    t.push([{ id: 'c', v: 1 }]);
    assert.deepEqual(out, [['a'], ['b'], ['c']]);
    t.dispose();
    assert.equal(timers.waiting, 0);
  });
});
