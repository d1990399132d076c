namespace LineGov.Jpki;

/// <summary>The kind of a JPKI certificate, decided by its certificate policy.</summary>
public enum JpkiCertificateKind
{
    /// <summary>Not a JPKI end-entity certificate (a CA, or a certificate of another PKI).</summary>
    Other = 0,

    /// <summary>署名用電子証明書: carries the four facts; the only kind that can back a claim that needs them.</summary>
    Signature = 1,

    /// <summary>利用者証明用電子証明書: an opaque identifier for log-in, no four facts.</summary>
    Authentication = 2,
}

/// <summary>Which certificate kinds a validation accepts.</summary>
public enum JpkiKindRequirement
{
    /// <summary>Only a signature certificate (the default: anything that pays needs the four facts).</summary>
    Signature = 0,

    /// <summary>Only a user-authentication certificate.</summary>
    Authentication = 1,

    /// <summary>Either JPKI kind; the result says which one it was.</summary>
    SignatureOrAuthentication = 2,

    /// <summary>
    /// No JPKI profile at all: plain RFC 5280 path validation (chain, signatures, validity, basic constraints,
    /// critical extensions). For certificates of other PKIs and conformance suites.
    /// </summary>
    AnyCertificate = 3,
}

/// <summary>Gender (性別) as recorded in a signature certificate.</summary>
public enum JpkiGender
{
    /// <summary>男 (code <c>1</c>).</summary>
    Male = 1,

    /// <summary>女 (code <c>2</c>).</summary>
    Female = 2,

    /// <summary>不明 (code <c>3</c>).</summary>
    Unknown = 3,
}

/// <summary>The Japanese era (元号) code that prefixes a JPKI date of birth.</summary>
public enum JpkiEra
{
    /// <summary>Code <c>0</c>: the date of birth is not known.</summary>
    Unknown = 0,

    /// <summary>明治 (code <c>1</c>).</summary>
    Meiji = 1,

    /// <summary>大正 (code <c>2</c>).</summary>
    Taisho = 2,

    /// <summary>昭和 (code <c>3</c>).</summary>
    Showa = 3,

    /// <summary>平成 (code <c>4</c>).</summary>
    Heisei = 4,

    /// <summary>令和 (code <c>5</c>).</summary>
    Reiwa = 5,
}
