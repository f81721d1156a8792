using VoiceFleet.Gateway;
using VoiceFleet.Hosting.ServiceDefaults;

return await ServiceHost.RunAsync(GatewayApp.Build, args, Console.Error);
