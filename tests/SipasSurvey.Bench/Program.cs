// The load generator arrives with the performance work; see README "Performance".
Console.WriteLine("SipasSurvey load generator: not yet implemented.");
