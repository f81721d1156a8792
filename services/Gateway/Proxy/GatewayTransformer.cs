using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>
/// YARP's default transform (headers copied, hop-by-hop headers dropped, trailers passed), plus, on
/// routes with tracks, the track and model version on the response. One instance per track and version
/// (see <see cref="TrackTransformers"/>), so a request carries no state of its own for it.
/// </summary>
internal sealed class GatewayTransformer(string? track, string modelVersion) : HttpTransformer
{
    /// <summary>For routes without tracks: YARP's default behaviour.</summary>
    public static readonly GatewayTransformer NoTrack = new(null, "");

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (track is not null)
        {
            var headers = httpContext.Response.Headers;
            headers[GatewayHeaders.Track] = track;
            if (modelVersion.Length > 0 && !headers.ContainsKey(GatewayHeaders.ModelVersion))
            {
                headers[GatewayHeaders.ModelVersion] = modelVersion;
            }
        }

        return proceed;
    }
}
