using VoiceFleet.ReleaseController;

var app = ReleaseControllerApp.Build(args);
await app.RunAsync();
