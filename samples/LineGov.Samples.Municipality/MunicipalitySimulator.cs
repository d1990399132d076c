namespace LineGov.Samples.Municipality;

/// <summary>A resident of the generated town the simulator can play (no names: personal data stays in the register).</summary>
/// <param name="ResidentId">宛名番号.</param>
/// <param name="HouseholdId">世帯番号.</param>
/// <param name="LineUserId">The LINE user id the simulator uses for them.</param>
public sealed record SimulatedResident(string ResidentId, string HouseholdId, string LineUserId);

/// <summary>Plays residents in Emulator mode: follow the account, apply through the LIFF flow, ask for the status.</summary>
public abstract class MunicipalitySimulator
{
    /// <summary>The residents that can be played.</summary>
    public abstract IReadOnlyList<SimulatedResident> Residents { get; }

    /// <summary>Sends a signed follow webhook from the emulator to the host.</summary>
    public abstract Task FollowAsync(string lineUserId, CancellationToken cancellationToken = default);

    /// <summary>Sends a text message webhook.</summary>
    public abstract Task SendTextAsync(string lineUserId, string text, CancellationToken cancellationToken = default);

    /// <summary>Sends a postback webhook.</summary>
    public abstract Task PostbackAsync(string lineUserId, string data, CancellationToken cancellationToken = default);

    /// <summary>Does what the LIFF page does, over HTTP: challenge, the card's signature, an ID token for the user, the application.</summary>
    public abstract Task<ApplyResponse> ApplyAsync(string residentId, string lineUserId, CancellationToken cancellationToken = default);

    /// <summary>An ID token as LINE would issue it to the LIFF app for this user.</summary>
    public abstract string IdTokenFor(string lineUserId);
}
