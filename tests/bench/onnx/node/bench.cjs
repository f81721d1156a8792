// The onnxruntime-node side of the ONNX binding benchmark (tests/bench/onnx/run.sh). Prints JSON lines shaped
// like those of VoiceFleet.Bench.Onnx, with "impl":"node".
//
//   node bench.cjs latency --modules DIR --model FILE [--calls 10000] [--rounds 31] [--warmup-seconds 2]
//       times `await session.run(feeds)` in a tight sequential loop (how Node code calls it), feeds built once;
//       the result tensors are new on every call, as with OnnxSession.Run. For reference it also times the
//       package's native binding called synchronously (dist/binding, not a public API: no promise, no
//       setImmediate, no JS-side checks), round by round with the public call.
//   node --expose-gc bench.cjs memory --modules DIR --model FILE [--sessions 8]
//       RSS growth (process.memoryUsage().rss) per extra open session, after opening and after one run each.
//
// DIR is the node_modules folder that holds onnxruntime-node@1.30.0 (run.sh installs it under .tools/bench-node/).
// Session options match the C# side: intra-op and inter-op threads 1, sequential execution, all graph
// optimizations, CPU arena and memory pattern on.
'use strict';

const path = require('node:path');

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith('--') || i + 1 >= rest.length) {
      throw new Error(`expected --name value, got '${rest[i]}'`);
    }
    options[rest[i].slice(2)] = rest[i + 1];
  }
  const int = (name, fallback) => {
    if (options[name] === undefined) return fallback;
    const value = Number(options[name]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  const text = (name) => {
    if (options[name] === undefined) throw new Error(`--${name} is required`);
    return options[name];
  };
  return { command, int, text, get modulesDir() { return path.resolve(text('modules')); } };
}

const sessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
  enableCpuMemArena: true,
  enableMemPattern: true,
  logSeverityLevel: 2, // warning, as the C# side
};

function emit(fields) {
  process.stdout.write(JSON.stringify(fields) + '\n');
}

function feedsFor(ort, session, fill) {
  const feeds = {};
  for (let i = 0; i < session.inputNames.length; i++) {
    const meta = session.inputMetadata[i];
    const count = meta.shape.reduce((a, d) => a * d, 1);
    const data = new Float32Array(count);
    if (fill) for (let j = 0; j < count; j++) data[j] = (j % 17) * 0.25;
    feeds[session.inputNames[i]] = new ort.Tensor('float32', data, meta.shape);
  }
  return feeds;
}

async function latency(ort, args) {
  const modelPath = args.text('model');
  const calls = args.int('calls', 10000);
  const rounds = args.int('rounds', 31);
  const warmupSeconds = args.int('warmup-seconds', 2);
  const session = await ort.InferenceSession.create(modelPath, sessionOptions);
  const feeds = feedsFor(ort, session, true);
  const output = session.outputNames[0];

  // The right answer first (the Add model: C = A + B).
  const check = (await session.run(feeds))[output].data;
  if (session.inputNames.length === 2) {
    const a = feeds[session.inputNames[0]].data;
    const b = feeds[session.inputNames[1]].data;
    for (let i = 0; i < check.length; i++) {
      if (check[i] !== Math.fround(a[i] + b[i])) throw new Error(`wrong result at ${i}`);
    }
  }

  const warmEnd = process.hrtime.bigint() + BigInt(warmupSeconds) * 1000000000n;
  while (process.hrtime.bigint() < warmEnd) {
    for (let i = 0; i < 1000; i++) await session.run(feeds);
  }

  // The native binding under the public API, when this package version has it where 1.30.0 does.
  let runBinding = null;
  try {
    const internal = require(path.join(path.dirname(require.resolve('onnxruntime-node', { paths: [args.modulesDir] })), 'binding'));
    internal.initOrt();
    const binding = new internal.binding.InferenceSession();
    binding.loadModel(modelPath, sessionOptions);
    const fetches = {};
    for (const name of session.outputNames) fetches[name] = null;
    const direct = binding.run(feeds, fetches, {})[output];
    if (direct.data.length !== check.length || direct.data.some((v, i) => v !== check[i])) {
      throw new Error('it gave another result');
    }
    runBinding = () => binding.run(feeds, fetches, {});
    for (let i = 0; i < 20000; i++) runBinding();
  } catch (error) {
    process.stderr.write(`bench.cjs: no direct binding row: ${error.message}\n`);
    runBinding = null;
  }

  const perRound = [];
  const bindingPerRound = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) {
      await session.run(feeds);
    }
    const elapsedNs = Number(process.hrtime.bigint() - start);
    perRound.push(elapsedNs / 1000 / calls);

    if (runBinding) {
      const bindingStart = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) runBinding();
      bindingPerRound.push(Number(process.hrtime.bigint() - bindingStart) / 1000 / calls);
    }
  }

  const round3 = (x) => Math.round(x * 1000) / 1000;
  const summary = (api, values) => {
    const sorted = [...values].sort((x, y) => x - y);
    emit({
      impl: 'node',
      case: 'latency',
      model: path.basename(modelPath),
      api,
      us_per_call: round3(sorted[Math.floor(sorted.length / 2)]),
      us_min: round3(sorted[0]),
      us_max: round3(sorted[sorted.length - 1]),
      rounds_us: values.map(round3),
      calls,
      rounds,
      node: process.version,
      ort: ort.env.versions.common,
    });
  };
  summary('run', perRound);
  if (runBinding) summary('binding.run', bindingPerRound);
  await session.release();
}

function rssKib() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  return process.memoryUsage().rss / 1024;
}

async function memory(ort, args) {
  const modelPath = args.text('model');
  const sessions = args.int('sessions', 8);

  // The first session pays for the library, the environment and the kernel registries: not counted.
  const first = await ort.InferenceSession.create(modelPath, sessionOptions);
  const feeds = feedsFor(ort, first, false);
  await first.run(feeds);
  const baseline = rssKib();

  const opened = [];
  for (let i = 0; i < sessions; i++) {
    opened.push(await ort.InferenceSession.create(modelPath, sessionOptions));
  }
  const afterOpen = rssKib();
  for (const session of opened) {
    await session.run(feeds);
  }
  const afterRun = rssKib();

  const per = (kib) => Math.round((kib / sessions) * 10) / 10;
  emit({
    impl: 'node',
    case: 'memory',
    model: path.basename(modelPath),
    model_bytes: require('node:fs').statSync(modelPath).size,
    sessions,
    rss_kib_per_session_open: per(afterOpen - baseline),
    rss_kib_per_session_run: per(afterRun - baseline),
    rss_kib_baseline: Math.round(baseline),
    gc_exposed: Boolean(global.gc),
  });
  for (const session of opened) await session.release();
  await first.release();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const ort = require(path.join(path.resolve(args.text('modules')), 'onnxruntime-node'));
  switch (args.command) {
    case 'latency':
      return latency(ort, args);
    case 'memory':
      return memory(ort, args);
    default:
      throw new Error(`unknown command '${args.command}' (latency, memory)`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench.cjs: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
