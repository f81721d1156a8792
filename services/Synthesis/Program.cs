using VoiceFleet.Synthesis;

var app = SynthesisApp.Build(args);
await app.RunAsync();
