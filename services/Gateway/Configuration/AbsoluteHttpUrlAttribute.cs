using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Gateway.Configuration;

/// <summary>Accepts an absolute <c>http://</c> URL (backends speak h2c, so never <c>https</c>), or an empty value when <see cref="AllowEmpty"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public bool AllowEmpty { get; init; }

    public override bool IsValid(object? value) => value switch
    {
        null or "" => AllowEmpty,
        string s => Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/",
        _ => false,
    };

    public override string FormatErrorMessage(string name) => $"{name} must be an absolute http:// URL with no path (h2c), such as http://127.0.0.1:7030.";
}
