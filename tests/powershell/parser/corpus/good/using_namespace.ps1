using namespace System.Text
$sb = [StringBuilder]::new()
