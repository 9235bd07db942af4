namespace SipasSurvey.Bench;

public static class Seeder
{
    public static int Run(string data, long responses)
    {
        Console.WriteLine("seed: not implemented yet");
        return 1;
    }
}
