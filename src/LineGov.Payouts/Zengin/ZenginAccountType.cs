namespace LineGov.Payouts.Zengin;

/// <summary>預金種目 (account type) as the Zengin format codes it.</summary>
public enum ZenginAccountType
{
    /// <summary>普通 (ordinary deposit), code 1.</summary>
    Ordinary = 1,

    /// <summary>当座 (current account), code 2.</summary>
    Current = 2,

    /// <summary>貯蓄 (savings deposit), code 4.</summary>
    Savings = 4,

    /// <summary>その他 (other), code 9.</summary>
    Other = 9,
}
