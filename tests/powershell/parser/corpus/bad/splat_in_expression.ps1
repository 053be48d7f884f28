$all = @params
