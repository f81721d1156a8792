using System.Runtime.CompilerServices;

// The binding benchmark (tests/bench/onnx) times ORT's own Run beside OnnxSession.Run, through the same function
// table and session, to tell the binding's share of a call from ORT's.
[assembly: InternalsVisibleTo("VoiceFleet.Bench.Onnx")]
