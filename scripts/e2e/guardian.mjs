// Started by server.mjs as the leader of a new process group: runs one command (code-server) in
// that group and ends the whole group as soon as its parent goes away, however the parent ended
// (even SIGKILL): the parent holds our stdin open, and its end closes the pipe.
//
//   node guardian.mjs '["/path/to/node", "entry.js", "--flag"]'
import { spawn } from 'node:child_process';

const [cmd, ...args] = JSON.parse(process.argv[2]);
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

function killGroup() {
  try {
    process.kill(-process.pid, 'SIGKILL'); // this group: the command, its children, and us
  } catch {
    process.exit(1);
  }
}

process.stdin.on('end', killGroup);
process.stdin.on('close', killGroup);
process.stdin.on('error', killGroup);
process.stdin.resume();

// stop() sends SIGTERM to the group: let the command end by itself, then end the rest.
process.on('SIGTERM', () => {
  setTimeout(killGroup, 3000).unref();
});
process.on('SIGINT', () => undefined);

child.on('exit', (code, signal) => {
  // The command is gone; take any children it left (extension host, watchers) with us.
  setImmediate(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      // ignore
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
});
child.on('error', (error) => {
  console.error(`guardian: cannot start ${cmd}: ${error.message}`);
  process.exit(1);
});
