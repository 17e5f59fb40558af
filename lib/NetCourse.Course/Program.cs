Console.WriteLine("netcourse");
