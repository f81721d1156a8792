using VoiceFleet.Encoders;
using VoiceFleet.Hosting.ServiceDefaults;

return await ServiceHost.RunAsync(EncodersApp.Build, args, Console.Error);
