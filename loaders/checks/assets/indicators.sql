select * from marts.dim_indicator
