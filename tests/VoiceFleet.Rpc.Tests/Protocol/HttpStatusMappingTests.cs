using VoiceFleet.Rpc.Protocol;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Protocol;

public sealed class HttpStatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(418, StatusCode.Unknown)]
    public void ToStatusCode_HttpStatus_MappedPerSpec(int httpStatus, StatusCode expected)
    {
        Assert.Equal(expected, HttpStatusMapping.ToStatusCode(httpStatus));
    }
}
