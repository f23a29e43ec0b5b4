// The coverage report's only script: story links ask the extension to open the story at its line.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-file]') : null;
    if (target) {
      event.preventDefault();
      vscode.postMessage({ type: 'open', file: target.getAttribute('data-file'), line: Number(target.getAttribute('data-line')) });
      return;
    }
    const action = event.target instanceof Element ? event.target.closest('[data-command]') : null;
    if (action) vscode.postMessage({ type: action.getAttribute('data-command') });
  });
})();
