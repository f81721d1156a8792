using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Diagnostics;

namespace VoiceFleet.ReleaseController.Slots;

/// <summary>
/// gRPC clients of the two synthesis slots (called directly, not through the gateway) and of the
/// Encoders; one channel each, reused.
/// </summary>
internal sealed class SlotClients : IDisposable
{
    private readonly SlotsOptions _slots;
    private readonly Dictionary<Slot, GrpcChannel> _channels = [];
    private readonly GrpcChannel? _encoders;

    public SlotClients(IOptions<SlotsOptions> slots, IOptions<ShadowOptions> shadow, RpcMetrics metrics)
    {
        _slots = slots.Value;
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024, MaxSendMessageSize = 64 * 1024 * 1024, Metrics = metrics };
        foreach (var slot in new[] { Slot.Blue, Slot.Green })
        {
            var url = _slots.For(slot).GrpcUrl;
            if (!string.IsNullOrWhiteSpace(url))
            {
                _channels[slot] = GrpcChannel.ForAddress(new Uri(url), options);
            }
        }

        if (!string.IsNullOrWhiteSpace(shadow.Value.EncodersUrl))
        {
            _encoders = GrpcChannel.ForAddress(new Uri(shadow.Value.EncodersUrl), options);
        }
    }

    /// <summary>Whether the controller can call the slot.</summary>
    public bool IsReachable(Slot slot) => _channels.ContainsKey(slot);

    /// <summary>Whether the Encoders are configured.</summary>
    public bool HasEncoders => _encoders is not null;

    /// <summary>
    /// The version a slot serves: asked with ListModelVersions when it has an address, else the configured
    /// one. Null when the slot does not answer (down or not healthy).
    /// </summary>
    public async Task<SlotState> GetStateAsync(Slot slot, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(slot, out var channel))
        {
            var declared = _slots.For(slot).ModelVersion;
            return new SlotState(slot, string.IsNullOrEmpty(declared) ? null : declared, declared.Length > 0, "declared in configuration");
        }

        try
        {
            var response = await new SynthesisClient(channel)
                .ListModelVersionsAsync(new ListModelVersionsRequest(), CallOptions.WithTimeout(TimeSpan.FromSeconds(5), cancellationToken: cancellationToken))
                .ResponseAsync.ConfigureAwait(false);
            return new SlotState(slot, response.ServingVersion, true, "answered ListModelVersions");
        }
        catch (RpcException ex)
        {
            return new SlotState(slot, null, false, $"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    public SynthesisClient Synthesis(Slot slot) =>
        _channels.TryGetValue(slot, out var channel) ? new SynthesisClient(channel) : throw new InvalidOperationException($"slot {slot} has no GrpcUrl");

    public EncodersClient Encoders => _encoders is not null ? new EncodersClient(_encoders) : throw new InvalidOperationException("no Encoders configured");

    /// <summary>Options of one call to a slot or the Encoders.</summary>
    public CallOptions Call(CancellationToken cancellationToken) => CallOptions.WithTimeout(_slots.CallTimeout, cancellationToken: cancellationToken);

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _encoders?.Dispose();
    }
}

/// <summary>What a slot serves, if it answers.</summary>
internal sealed record SlotState(Slot Slot, string? ServingVersion, bool Healthy, string Detail);
