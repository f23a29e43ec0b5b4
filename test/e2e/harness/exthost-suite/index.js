// extensionTestsPath for the harness self-test: runs suite.test.js with mocha inside VS Code's
// extension host (started by scripts/e2e/exthost.mjs). Same contract as @vscode/test-electron:
// export run(), resolve when every test passed, reject otherwise.
const path = require('path');
const Mocha = require('mocha'); // resolved from the repository's node_modules

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'suite.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension host test(s) failed`)) : resolve()));
  });
};
