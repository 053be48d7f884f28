try { 1 }
catch { 2 }
catch [System.IO.IOException] { 3 }
