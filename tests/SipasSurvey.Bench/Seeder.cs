using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Statistics;
using SipasSurvey.Domain.Time;
using IssueData = SipasSurvey.Features.Slips.Issue.Data;

namespace SipasSurvey.Bench;

/// <summary>
/// A national-size database for the report benchmarks: the 34 provinces, Hà Nội's 126 real
/// communes plus synthetic ones up to 3,321, a counter each, and responses spread over eight
/// quarters up to today. Reference data and the administrator go in through the service's own
/// verbs; slips and responses are bulk-written with random secrets (nobody will answer them), and
/// the aggregates are built in memory per commune with the service's encoding, so `verify` can
/// check them against the raw rows like any production file.
/// </summary>
public static class Seeder
{
    public const int Communes = 3321;
    public const string CredentialsFile = "seed-credentials.json";

    /// <summary>Slips issued today that cannot have been answered yet, and the like: about this share of the planned responses is written.</summary>
    private const double AnsweredShare = 0.994;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly (string Field, string Procedure)[] Procedures =
    [
        ("Hộ tịch", "1.001193"), ("Hộ tịch", "1.001022"), ("Hộ tịch", "1.000656"), ("Chứng thực", "2.000815"), ("Chứng thực", "2.001035"),
        ("Đất đai", "1.004227"), ("Bảo trợ xã hội", "1.001776"), ("Thành lập hộ kinh doanh", "2.000720"), ("Xây dựng", "1.009994"),
    ];

    private static readonly string[] Comments =
    [
        "Cán bộ hướng dẫn tận tình, chu đáo.", "Thủ tục nhanh gọn, trả kết quả đúng hẹn.", "Phải chờ lâu, đề nghị bố trí thêm cán bộ.",
        "Thiếu ghế ngồi chờ.", "Hướng dẫn chưa rõ, phải đi lại nhiều lần.", "Cần niêm yết rõ mức phí, lệ phí.",
    ];

    private static readonly string[] Syllables =
    [
        "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Hưng", "Phước", "Đông", "Tây", "Nam", "Bắc", "Trung", "Xuân", "Hải",
        "Sơn", "Lạc", "Thành", "Vĩnh", "Mỹ", "Quang", "Đức", "Thịnh", "Hiệp", "Lộc", "Khánh", "Định",
    ];

    /// <summary>Where a seeded folder keeps its PostgreSQL copy (a cluster of its own, beside the folder).</summary>
    public static string PostgresFolder(string data) => Path.GetFullPath(data).TrimEnd('/') + "-postgresql";

    public static int Run(string data, long responses, string provider = "sqlite")
    {
        var database = Path.Combine(data, "sipas.db");
        if (provider == "postgresql" && File.Exists(database) && File.Exists(Path.Combine(data, CredentialsFile)))
            return CopyToPostgres(data);   // the SQLite seed is there already: only the copy is missing
        var seeded = Seed(data, responses, database);
        return seeded != 0 || provider != "postgresql" ? seeded : CopyToPostgres(data);
    }

    /// <summary>
    /// The seeded SQLite file copied into PostgreSQL with the service's own copy-to-postgresql verb (which
    /// verifies the copy), in a cluster kept beside the data folder for the reports benchmark.
    /// </summary>
    private static int CopyToPostgres(string data)
    {
        var watch = Stopwatch.StartNew();
        using var cluster = PostgresCluster.StartKept(PostgresFolder(data));
        var target = cluster.NamedDatabase("sipas");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.ArgumentList.Add(ServerProcess.ServerDll());
        info.ArgumentList.Add("copy-to-postgresql");
        info.Environment["Sipas__DataDirectory"] = data;
        info.Environment["ConnectionStrings__Sipas"] = target;
        using var process = Process.Start(info)!;
        process.WaitForExit();
        Console.WriteLine($"copy-to-postgresql exited {process.ExitCode} after {watch.Elapsed.TotalMinutes:0.0} min; cluster in {PostgresFolder(data)}");
        if (process.ExitCode == 0)
        {
            using var connection = new Npgsql.NpgsqlConnection(target);
            connection.Execute("VACUUM ANALYZE");
            Console.WriteLine($"VACUUM ANALYZE done after {watch.Elapsed.TotalMinutes:0.0} min; database size {connection.ExecuteScalar<long>("SELECT pg_database_size('sipas')") / 1e9:0.00} GB");
        }
        return process.ExitCode;
    }

    private static int Seed(string data, long responses, string database)
    {
        if (File.Exists(database))
        {
            Console.Error.WriteLine($"{database} exists; seed a new folder.");
            return 2;
        }
        Directory.CreateDirectory(data);
        var watch = Stopwatch.StartNew();
        var server = Path.GetDirectoryName(ServerProcess.ServerDll())!;
        Verb(data, "migrate");
        Verb(data, "import-units", Path.Combine(server, "samples", "units", "provinces-2025.csv"));
        Verb(data, "import-units", Path.Combine(server, "samples", "units", "hanoi-communes-2025.csv"));
        var synthetic = Path.Combine(data, "synthetic-communes.csv");
        WriteSyntheticCommunes(synthetic, Path.Combine(server, "samples", "units"));
        Verb(data, "import-units", synthetic);
        Verb(data, "import-questionnaire", Path.Combine(server, "samples", "questionnaires", "sipas-2023.json"), "--publish");
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        VerbWithInput(data, password + "\n", "create-admin", "--username", "admin.seed", "--province", "01", "--name", "Quản trị (dữ liệu thử tải)");
        Console.WriteLine($"reference data ready in {watch.Elapsed.TotalSeconds:0.0} s");

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        connection.Execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000; PRAGMA temp_store = MEMORY;");
        var versionId = connection.ExecuteScalar<long>("SELECT id FROM questionnaire_versions WHERE questionnaire_id = 'sipas-2023' ORDER BY version DESC LIMIT 1");
        var items = connection.ExecuteScalar<string>("SELECT definition FROM questionnaire_versions WHERE id = @versionId", new { versionId })!;
        var itemCount = JsonDocument.Parse(items).RootElement.GetProperty("items").GetArrayLength();
        var now = DateTimeOffset.UtcNow;
        var nowMs = now.ToUnixTimeMilliseconds();
        connection.Execute(
            "INSERT INTO counters (commune_code, name, questionnaire_version_id, active, created_at) SELECT code, 'Bộ phận Một cửa', @versionId, 1, @nowMs FROM communes ORDER BY code",
            new { versionId, nowMs });
        var counters = connection.Query<(string Commune, long Counter)>("SELECT commune_code, id FROM counters ORDER BY commune_code").ToList();

        // Secondary indexes are rebuilt once at the end (a sort) instead of maintained row by row.
        var indexes = connection.Query<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('slips', 'responses')").ToList();
        foreach (var (name, _) in indexes) connection.Execute($"DROP INDEX {name}");

        var today = VietnamTime.DateOf(now);
        var first = Quarter.Of(today);
        for (var i = 0; i < 7; i++) first = first.Previous;
        var days = new List<DateOnly>();
        for (var day = first.FirstDay; day <= today; day = day.AddDays(1))
            if (day.DayOfWeek != DayOfWeek.Sunday) days.Add(day);
        var weights = days.Select(d => d.DayOfWeek == DayOfWeek.Saturday ? 0.3 : 1.0).ToArray();
        var weightSum = weights.Sum();

        var random = new Random(20261123);
        var inserts = new Inserts(connection);
        long slipId = 0, written = 0;
        for (var c = 0; c < counters.Count; c++)
        {
            var (commune, counter) = counters[c];
            // Communes differ in size and in how well they serve; a few items are each commune's weak spots.
            // Steered by what is left, so the total lands on the requested count.
            var target = (responses - written) / (double)(counters.Count - c) * (0.5 + random.NextDouble()) / AnsweredShare;
            var quality = 0.55 + random.NextDouble() * 0.4;
            var weak = Enumerable.Range(0, itemCount).Where(_ => random.NextDouble() < 0.2).ToHashSet();
            var answerStats = new Dictionary<(string Dimension, string Day, long Flags, string Key), (long Responses, long[,] Totals)>();
            var issuedStats = new Dictionary<(string Dimension, string Day, string Key), long>();
            var monthlyAnswers = new Dictionary<(string Month, long Flags), (long Responses, long[,] Totals)>();
            var monthlyIssued = new Dictionary<string, long>();
            using var transaction = connection.BeginTransaction();
            inserts.Bind(transaction);
            void Slip(DateOnly day, bool mustAnswer)
            {
                var issuedAt = VietnamTime.StartOf(day).AddHours(7.5 + random.NextDouble() * 9);
                if (issuedAt > now) return;
                var (field, procedure) = Procedures[random.Next(Procedures.Length)];
                var id = ++slipId;
                var answered = written < responses && (mustAnswer || random.NextDouble() < 0.8);
                var submittedAt = issuedAt.AddMinutes(1 + random.NextDouble() * 180);
                if (submittedAt > now) answered = false;
                inserts.Slip(id, commune, counter, procedure, field, versionId, issuedAt, answered ? issuedAt.AddMinutes(1) : null);
                var issueDay = VietnamTime.DayKey(issuedAt);
                foreach (var (dimension, key) in SipasSurvey.Features.Reports.Aggregates.Dimensions.Of(counter, null, field, procedure))
                    issuedStats[(dimension, issueDay, key)] = issuedStats.GetValueOrDefault((dimension, issueDay, key)) + 1;
                monthlyIssued[issueDay[..7]] = monthlyIssued.GetValueOrDefault(issueDay[..7]) + 1;
                if (!answered) return;

                var answers = Answers(itemCount, quality, weak, random);
                var flags = random.NextDouble() < 0.03 ? 1L << random.Next(4) : 0;
                var answerDay = VietnamTime.DayKey(submittedAt);
                inserts.Response(id, commune, counter, field, procedure, versionId, answerDay, issuedAt.AddMinutes(1), submittedAt, answers,
                    random.NextDouble() < 0.1 ? Comments[random.Next(Comments.Length)] : null, flags);
                foreach (var (dimension, key) in SipasSurvey.Features.Reports.Aggregates.Dimensions.Of(counter, null, field, procedure))
                {
                    if (!answerStats.TryGetValue((dimension, answerDay, flags, key), out var entry)) entry = (0, new long[itemCount, AnswerCounts.Values]);
                    for (var item = 0; item < itemCount; item++)
                        if (answers[item] != '0') entry.Totals[item, answers[item] - '1']++;
                    answerStats[(dimension, answerDay, flags, key)] = (entry.Responses + 1, entry.Totals);
                }
                if (!monthlyAnswers.TryGetValue((answerDay[..7], flags), out var month)) month = (0, new long[itemCount, AnswerCounts.Values]);
                for (var item = 0; item < itemCount; item++)
                    if (answers[item] != '0') month.Totals[item, answers[item] - '1']++;
                monthlyAnswers[(answerDay[..7], flags)] = (month.Responses + 1, month.Totals);
                written++;
            }

            for (var d = 0; d < days.Count; d++)
            {
                var expected = target * weights[d] / weightSum / 0.8;   // four in five slips get answered
                var slips = (int)expected + (random.NextDouble() < expected - (int)expected ? 1 : 0);
                for (var s = 0; s < slips; s++) Slip(days[d], mustAnswer: false);
            }
            // The last commune tops up yesterday's counter, so the total is exactly the requested count.
            if (c == counters.Count - 1)
                while (written < responses) Slip(today.AddDays(-1), mustAnswer: true);
            foreach (var ((dimension, day, flags, key), (count, totals)) in answerStats.OrderBy(e => e.Key))
                inserts.AnswerCounts(commune, dimension, day, versionId, flags, key, count, AnswerCounts.FromTotals(totals));
            foreach (var ((dimension, day, key), issued) in issuedStats.OrderBy(e => e.Key))
                inserts.Issued(commune, dimension, day, key, issued);
            foreach (var ((month, flags), (count, totals)) in monthlyAnswers.OrderBy(e => e.Key))
                inserts.MonthlyAnswerCounts(commune, month, versionId, flags, count, AnswerCounts.FromTotals(totals));
            foreach (var (month, issued) in monthlyIssued.OrderBy(e => e.Key, StringComparer.Ordinal))
                inserts.MonthlyIssued(commune, month, issued);
            transaction.Commit();
            if ((c + 1) % 250 == 0 || c == counters.Count - 1)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {c + 1,5}/{counters.Count} communes, {slipId:N0} slips, {written:N0} responses, {watch.Elapsed.TotalSeconds:0} s"));
        }
        foreach (var (name, sql) in indexes)
        {
            var started = Stopwatch.StartNew();
            connection.Execute(sql);
            Console.WriteLine($"  index {name} rebuilt in {started.Elapsed.TotalSeconds:0.0} s");
        }
        connection.Execute("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");

        var credentials = new
        {
            admin = new { username = "admin.seed", password },
            provinceCode = "01",
            communeCode = "00070",
            quarters = Enumerable.Range(0, 8).Select(i => { var q = Quarter.Of(today); for (var k = 0; k < i; k++) q = q.Previous; return q.ToString(); }).ToArray(),
            responses = written,
            slips = slipId,
        };
        File.WriteAllText(Path.Combine(data, CredentialsFile), JsonSerializer.Serialize(credentials, Indented));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {written:N0} responses and {slipId:N0} slips for {counters.Count:N0} communes in {watch.Elapsed.TotalMinutes:0.0} min; {new FileInfo(database).Length / 1e9:0.00} GB at {database}"));
        return 0;
    }

    private static string Answers(int items, double quality, HashSet<int> weak, Random random)
    {
        Span<char> answers = stackalloc char[items];
        var happy = random.NextDouble() < quality;
        for (var item = 0; item < items; item++)
        {
            if (random.NextDouble() < 0.05) { answers[item] = '0'; continue; }
            var roll = random.NextDouble() + (weak.Contains(item) ? 0.25 : 0) - (happy ? 0.3 : 0);
            answers[item] = roll switch { < 0.35 => '5', < 0.75 => '4', < 0.88 => '3', < 0.97 => '2', _ => '1' };
        }
        return new string(answers);
    }

    /// <summary>The other 33 provinces' communes, in the import verb's CSV format; codes beyond Hà Nội's range.</summary>
    private static void WriteSyntheticCommunes(string path, string units)
    {
        var provinces = File.ReadLines(Path.Combine(units, "provinces-2025.csv")).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split(',')[0]).Where(p => p != "01").ToList();
        var hanoi = File.ReadLines(Path.Combine(units, "hanoi-communes-2025.csv")).Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
        var builder = new StringBuilder("ma_xa,ten,loai,ma_tinh\n");
        for (var i = 0; i < Communes - hanoi; i++)
        {
            var province = provinces[i % provinces.Count];
            var n = i / provinces.Count;
            var phuong = n % 5 == 0;
            var name = $"{(phuong ? "Phường" : "Xã")} {Syllables[n % Syllables.Length]} {Syllables[(n / Syllables.Length + n) % Syllables.Length]}";
            builder.Append(CultureInfo.InvariantCulture, $"{20000 + i:D5},{name},{(phuong ? "phuong" : "xa")},{province}\n");
        }
        File.WriteAllText(path, builder.ToString());
    }

    private static void Verb(string data, params string[] args) => VerbWithInput(data, null, args);

    private static void VerbWithInput(string data, string? input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ServerProcess.ServerDll());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["Sipas__DataDirectory"] = data;
        using var process = Process.Start(info)!;
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args.Take(1))} failed ({process.ExitCode}): {output}");
    }

    /// <summary>Prepared inserts for the bulk load.</summary>
    private sealed class Inserts(SqliteConnection connection)
    {
        private readonly SqliteCommand _slip = Prepare(connection,
            """
            INSERT INTO slips (id, token_hash, code_hash, seed, commune_code, counter_id, procedure_code, field, questionnaire_version_id,
                               channel, issued_at, expires_at, issue_network, opened_at)
            VALUES ($id, $token, $code, $seed, $commune, $counter, $procedure, $field, $version, 'slip', $issued, $expires, $network, $opened)
            """);
        private readonly SqliteCommand _response = Prepare(connection,
            """
            INSERT INTO responses (slip_id, commune_code, counter_id, field, procedure_code, questionnaire_version_id, channel, day,
                                   opened_at, submitted_at, answers, comment, body_hash, source, network_hash, device_hash, user_agent_family, flags)
            VALUES ($slip, $commune, $counter, $field, $procedure, $version, 'slip', $day, $opened, $submitted, $answers, $comment, $body,
                    'form', $network, $device, $ua, $flags)
            """);
        private readonly SqliteCommand _answers = Prepare(connection,
            """
            INSERT INTO daily_stats (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key, responses, counts)
            VALUES ($commune, $dimension, $day, $version, 'slip', $flags, $key, $responses, $counts)
            """);
        private readonly SqliteCommand _issued = Prepare(connection,
            "INSERT INTO daily_slip_stats (commune_code, dimension, day, channel, dimension_key, issued) VALUES ($commune, $dimension, $day, 'slip', $key, $issued)");
        private readonly SqliteCommand _monthlyAnswers = Prepare(connection,
            """
            INSERT INTO monthly_stats (commune_code, month, questionnaire_version_id, channel, flags, responses, counts)
            VALUES ($commune, $month, $version, 'slip', $flags, $responses, $counts)
            """);
        private readonly SqliteCommand _monthlyIssued = Prepare(connection,
            "INSERT INTO monthly_slip_stats (commune_code, month, channel, issued) VALUES ($commune, $month, 'slip', $issued)");

        private static SqliteCommand Prepare(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        public void Bind(SqliteTransaction transaction)
        {
            foreach (var command in new[] { _slip, _response, _answers, _issued, _monthlyAnswers, _monthlyIssued }) command.Transaction = transaction;
        }

        private static void Run(SqliteCommand command, params (string Name, object? Value)[] values)
        {
            if (command.Parameters.Count == 0)
            {
                foreach (var (name, _) in values) command.Parameters.Add(new SqliteParameter { ParameterName = name });
                command.Prepare();
            }
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        public void Slip(long id, string commune, long counter, string procedure, string field, long version, DateTimeOffset issued, DateTimeOffset? opened) =>
            Run(_slip, ("$id", id), ("$token", RandomNumberGenerator.GetBytes(32)), ("$code", RandomNumberGenerator.GetBytes(32)), ("$seed", RandomNumberGenerator.GetBytes(16)),
                ("$commune", commune), ("$counter", counter), ("$procedure", procedure), ("$field", field), ("$version", version),
                ("$issued", issued.ToUnixTimeMilliseconds()), ("$expires", issued.AddDays(14).ToUnixTimeMilliseconds()),
                ("$network", Recent(issued) ? RandomNumberGenerator.GetBytes(16) : null), ("$opened", opened?.ToUnixTimeMilliseconds()));

        public void Response(long slip, string commune, long counter, string field, string procedure, long version, string day,
            DateTimeOffset opened, DateTimeOffset submitted, string answers, string? comment, long flags) =>
            Run(_response, ("$slip", slip), ("$commune", commune), ("$counter", counter), ("$field", field), ("$procedure", procedure), ("$version", version),
                ("$day", day), ("$opened", opened.ToUnixTimeMilliseconds()), ("$submitted", submitted.ToUnixTimeMilliseconds()), ("$answers", answers),
                ("$comment", comment), ("$body", RandomNumberGenerator.GetBytes(32)), ("$network", Recent(submitted) ? RandomNumberGenerator.GetBytes(16) : null),
                ("$device", Recent(submitted) ? RandomNumberGenerator.GetBytes(16) : null), ("$ua", Recent(submitted) ? "Chrome" : null), ("$flags", flags));

        /// <summary>A long-running service has purged the network and device signals older than the retention period (180 days).</summary>
        private static bool Recent(DateTimeOffset at) => at > DateTimeOffset.UtcNow.AddDays(-180);

        public void AnswerCounts(string commune, string dimension, string day, long version, long flags, string key, long responses, byte[] counts) =>
            Run(_answers, ("$commune", commune), ("$dimension", dimension), ("$day", day), ("$version", version), ("$flags", flags), ("$key", key),
                ("$responses", responses), ("$counts", counts));

        public void MonthlyAnswerCounts(string commune, string month, long version, long flags, long responses, byte[] counts) =>
            Run(_monthlyAnswers, ("$commune", commune), ("$month", month), ("$version", version), ("$flags", flags), ("$responses", responses), ("$counts", counts));

        public void MonthlyIssued(string commune, string month, long issued) =>
            Run(_monthlyIssued, ("$commune", commune), ("$month", month), ("$issued", issued));

        public void Issued(string commune, string dimension, string day, string key, long issued) =>
            Run(_issued, ("$commune", commune), ("$dimension", dimension), ("$day", day), ("$key", key), ("$issued", issued));
    }
}
