using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// Follows one release through <c>WatchRelease</c> until it ends, handing every change to a callback. When the
/// stream breaks (a controller restart), it opens it again: the first message of a new watch is the release as stored.
/// </summary>
internal static class ReleaseFollower
{
    public static async Task<Release> FollowAsync(ReleaseControlClient client, string releaseId, Action<WatchReleaseResponse> onChange, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(onChange);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Release? last = null;
        while (true)
        {
            try
            {
                using var call = client.WatchRelease(new WatchReleaseRequest { ReleaseId = releaseId }, new CallOptions(CancellationToken: deadline.Token));
                while (await call.ResponseStream.MoveNext(deadline.Token).ConfigureAwait(false))
                {
                    var change = call.ResponseStream.Current;
                    last = change.Release;
                    onChange(change);
                }

                if (last is not null && IsTerminal(last.Phase))
                {
                    return last;
                }
            }
            catch (RpcException) when (!deadline.IsCancellationRequested)
            {
                // The controller went away (restart): watch again once it is back.
            }
            catch (RpcException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"release {releaseId} did not end within {timeout.TotalSeconds:0} s (last phase {last?.Phase}).", ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"release {releaseId} did not end within {timeout.TotalSeconds:0} s (last phase {last?.Phase}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), time, deadline.Token).ConfigureAwait(false);
        }
    }

    public static bool IsTerminal(ReleasePhase phase) => phase is ReleasePhase.Promoted or ReleasePhase.RolledBack or ReleasePhase.Aborted;
}
