using VoiceFleet.ReleaseController;
using VoiceFleet.Hosting.ServiceDefaults;

return await ServiceHost.RunAsync(ReleaseControllerApp.Build, args, Console.Error);
