// Practice mode: a timer against the target and the writer's parts revealed one at a time.
// Everything here lives in this view only; nothing is recorded, stored or sent. The view's
// state (VS Code keeps it while the panel is open, in memory) lets the timer and the revealed
// parts survive switching to another tab and back, which reloads a hidden view.
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('practice');
  const target = Number(root.getAttribute('data-target-seconds')) || 120;
  // A new practice (another story or question) starts afresh; the same one picks up where it was.
  const session = root.getAttribute('data-session') || '';
  const timer = document.getElementById('timer');
  const bar = document.getElementById('bar');
  const start = document.getElementById('start');
  const reset = document.getElementById('reset');
  const reveal = document.getElementById('reveal');
  const parts = Array.from(document.querySelectorAll('.part'));
  const saved = vscode.getState();
  const resumed = saved && saved.session === session ? saved : null;
  // The clock is the wall clock, not a count of ticks: ticks slow down in a hidden view.
  let before = resumed ? resumed.before : 0; // ms timed before the current run
  let since = resumed ? resumed.since : null; // Date.now() when the current run started; null while paused
  let shown = resumed ? Math.min(resumed.shown, parts.length) : 0;
  let ticking = null;

  const elapsed = () => Math.floor((before + (since === null ? 0 : Date.now() - since)) / 1000);
  const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const save = () => vscode.setState({ session, before, since, shown });
  const draw = () => {
    const seconds = elapsed();
    timer.textContent = `${clock(seconds)} / ${clock(target)}`;
    timer.classList.toggle('over', seconds > target);
    timer.classList.toggle('near', seconds <= target && seconds >= target * 0.85);
    bar.style.width = `${Math.min(100, (100 * seconds) / target)}%`;
    parts.forEach((part, index) => (part.hidden = index >= shown));
    reveal.disabled = shown >= parts.length;
    reveal.textContent = shown >= parts.length ? 'All parts shown' : `Reveal ${parts[shown].getAttribute('data-title')}`;
    start.textContent = since !== null ? 'Pause' : before > 0 ? 'Resume' : 'Start';
  };
  const tick = (on) => {
    if (ticking) clearInterval(ticking);
    ticking = on ? setInterval(draw, 250) : null;
  };
  start.addEventListener('click', () => {
    if (since !== null) {
      before += Date.now() - since;
      since = null;
    } else since = Date.now();
    tick(since !== null);
    save();
    draw();
  });
  reset.addEventListener('click', () => {
    before = 0;
    since = null;
    shown = 0;
    tick(false);
    save();
    draw();
  });
  reveal.addEventListener('click', () => {
    if (shown < parts.length) shown++;
    save();
    draw();
  });
  tick(since !== null);
  save();
  draw();
})();
