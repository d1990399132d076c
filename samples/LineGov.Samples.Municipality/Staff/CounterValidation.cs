using System.Globalization;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>Checks the counter form; errors are keyed by the field's element id.</summary>
internal static class CounterValidation
{
    private const int MaxNameLength = 50;
    private const int MaxAddressLength = 200;

    public static (CounterApplication? Application, IReadOnlyDictionary<string, string> Errors) Validate(CounterForm form, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Required(errors, "family-name", form.FamilyName, MaxNameLength, "氏を入力してください。");
        Required(errors, "given-name", form.GivenName, MaxNameLength, "名を入力してください。");
        Required(errors, "address", form.Address, MaxAddressLength, "住所を入力してください。");

        DateOnly dateOfBirth = default;
        if (!DateOnly.TryParseExact(form.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dateOfBirth))
        {
            errors["date-of-birth"] = "生年月日を西暦の yyyy-MM-dd の形で入力してください（例：1980-04-01）。";
        }
        else if (dateOfBirth > today || dateOfBirth.Year < 1880)
        {
            errors["date-of-birth"] = "生年月日を確認してください。";
        }

        if (form.Gender is not ("male" or "female"))
        {
            errors["gender"] = "性別を選んでください。";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CounterApplication(form.FamilyName, form.GivenName, dateOfBirth, form.Gender, form.Address), errors);
    }

    private static void Required(Dictionary<string, string> errors, string field, string value, int maxLength, string message)
    {
        if (value.Length == 0)
        {
            errors[field] = message;
        }
        else if (value.Length > maxLength)
        {
            errors[field] = $"{maxLength}文字以内で入力してください。";
        }
    }
}
