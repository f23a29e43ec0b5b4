// Practice mode: a timer against the target and the writer's parts revealed one at a time.
// Everything here lives in this view only; nothing is recorded, stored or sent.
(function () {
  const root = document.getElementById('practice');
  const target = Number(root.getAttribute('data-target-seconds')) || 120;
  const timer = document.getElementById('timer');
  const bar = document.getElementById('bar');
  const start = document.getElementById('start');
  const reset = document.getElementById('reset');
  const reveal = document.getElementById('reveal');
  const parts = Array.from(document.querySelectorAll('.part'));
  let elapsed = 0;
  let running = null;
  let shown = 0;

  const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const draw = () => {
    timer.textContent = `${clock(elapsed)} / ${clock(target)}`;
    timer.classList.toggle('over', elapsed > target);
    timer.classList.toggle('near', elapsed <= target && elapsed >= target * 0.85);
    bar.style.width = `${Math.min(100, (100 * elapsed) / target)}%`;
    reveal.disabled = shown >= parts.length;
    reveal.textContent = shown >= parts.length ? 'All parts shown' : `Reveal ${parts[shown].getAttribute('data-title')}`;
  };
  start.addEventListener('click', () => {
    if (running) {
      clearInterval(running);
      running = null;
      start.textContent = 'Resume';
    } else {
      running = setInterval(() => {
        elapsed++;
        draw();
      }, 1000);
      start.textContent = 'Pause';
    }
  });
  reset.addEventListener('click', () => {
    if (running) clearInterval(running);
    running = null;
    elapsed = 0;
    shown = 0;
    for (const part of parts) part.hidden = true;
    start.textContent = 'Start';
    draw();
  });
  reveal.addEventListener('click', () => {
    if (shown < parts.length) parts[shown++].hidden = false;
    draw();
  });
  draw();
})();
