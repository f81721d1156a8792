using VoiceFleet.Frontend;
using VoiceFleet.Hosting.ServiceDefaults;

return await ServiceHost.RunAsync(FrontendApp.Build, args, Console.Error);
