using VoiceFleet.Encoders;

var app = EncodersApp.Build(args);
await app.RunAsync();
