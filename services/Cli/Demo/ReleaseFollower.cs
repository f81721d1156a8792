using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// Follows one release through <c>WatchRelease</c> until it ends, handing every change to a callback. When the
/// stream breaks (a controller restart), it opens it again: the first message of a new watch is the release as stored.
/// A caller that will not act on some non-terminal state (the demo on a paused release) can stop there instead.
/// </summary>
internal static class ReleaseFollower
{
    /// <param name="client">The controller.</param>
    /// <param name="releaseId">The release to follow.</param>
    /// <param name="onChange">Gets every message of the watch.</param>
    /// <param name="timeout">How long the release may take; a <see cref="TimeoutException"/> after it.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <param name="stopAt">Returns the release as soon as this holds for it, terminal or not; null waits for a terminal phase.</param>
    public static async Task<Release> FollowAsync(ReleaseControlClient client, string releaseId, Action<WatchReleaseResponse> onChange, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, Func<Release, bool>? stopAt = null)
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
                    if (stopAt?.Invoke(last) == true)
                    {
                        return last;
                    }
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
