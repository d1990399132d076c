using LineGov.Samples.Municipality;

// The municipal service on embedded defaults: SQLite in ./data, the LINE emulator and the JPKI test authority in
// process, a generated town. See README.md for PostgreSQL, a real LINE channel and real JPKI.
await using var app = await MunicipalityHost.StartAsync(args);
foreach (var line in app.Describe())
{
    Console.WriteLine(line);
}

await app.WaitForShutdownAsync();
