module frametag

go 1.26.0
