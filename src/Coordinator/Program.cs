Console.WriteLine("daft");
