using VoiceFleet.Synthesis;
using VoiceFleet.Hosting.ServiceDefaults;

return await ServiceHost.RunAsync(SynthesisApp.Build, args, Console.Error);
