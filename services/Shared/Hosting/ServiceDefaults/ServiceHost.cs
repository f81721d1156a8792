using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace VoiceFleet.Hosting.ServiceDefaults;

/// <summary>How every service's <c>Program</c> creates and runs its application.</summary>
public static partial class ServiceHost
{
    /// <summary>Exit code of a service that refused to start because of its configuration.</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>
    /// A builder with the service defaults. The content root is the service's own folder, so its
    /// appsettings.json is found whatever the working directory.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string serviceName, string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        return builder.AddServiceDefaults(serviceName);
    }

    /// <summary>
    /// Builds and runs the application until it is stopped. A configuration that fails validation
    /// ends the process with <see cref="ConfigurationErrorExitCode"/> and one line per problem, naming the key.
    /// </summary>
    public static async Task<int> RunAsync(Func<string[], WebApplication> build, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var app = build(args);
            await using (app.ConfigureAwait(false))
            {
                await app.RunAsync().ConfigureAwait(false);
            }

            return 0;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var line in DescribeFailures(ex))
            {
                await error.WriteLineAsync($"invalid configuration: {line}").ConfigureAwait(false);
            }

            return ConfigurationErrorExitCode;
        }
    }

    /// <summary>Turns validation failures into "Section:Key: problem" lines.</summary>
    internal static IEnumerable<string> DescribeFailures(OptionsValidationException exception)
    {
        var section = exception.OptionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        foreach (var failure in exception.Failures)
        {
            var match = DataAnnotationFailure().Match(failure);
            if (match.Success && section is not null)
            {
                foreach (var member in match.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries))
                {
                    yield return $"{section}:{member.Trim('\'')}: {match.Groups["error"].Value}";
                }
            }
            else
            {
                yield return section is null ? failure : $"{section}: {failure}";
            }
        }
    }

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: (?<members>.+?) with the error: '(?<error>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
