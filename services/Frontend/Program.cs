using VoiceFleet.Frontend;

var app = FrontendApp.Build(args);
await app.RunAsync();
